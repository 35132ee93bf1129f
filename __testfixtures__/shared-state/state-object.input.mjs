import { enrich } from 'deps';

const state = {};

export const handler = async (event) => {
  state.requestData = event.data;
  const extra = await enrich(event.id);
  return { data: state.requestData, extra };
};
