const { save } = require('deps');

let count = 0;

exports.handler = async (event) => {
  count++;
  await save(event);
  return event.items.map((item) => ({ item, batch: count }));
};
