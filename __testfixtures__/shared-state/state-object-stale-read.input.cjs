const { enrich } = require('deps');

const state = {};

exports.handler = async (event) => {
  const previous = state.lastId;
  state.lastId = event.id;
  await enrich(event.id);
  return { previous, current: state.lastId };
};
