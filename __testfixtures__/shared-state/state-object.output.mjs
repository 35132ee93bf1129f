import { enrich } from 'deps';

export const handler = async (event) => {
  const state = {};
  state.requestData = event.data;
  const extra = await enrich(event.id);
  return { data: state.requestData, extra };
};
