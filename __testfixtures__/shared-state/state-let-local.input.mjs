import { loadOrder } from 'deps';

let currentUser;

export const handler = async (event) => {
  currentUser = event.requestContext.authorizer.userId;
  const order = await loadOrder(event.pathParameters.id);
  return { owner: currentUser, order };
};
