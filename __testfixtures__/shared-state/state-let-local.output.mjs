import { loadOrder } from 'deps';

export const handler = async (event) => {
  const currentUser = event.requestContext.authorizer.userId;
  const order = await loadOrder(event.pathParameters.id);
  return { owner: currentUser, order };
};
