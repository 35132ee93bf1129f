const { loadOrder } = require('deps');

let tableName = process.env.TABLE_NAME;
const settings = {};
settings.region = process.env.AWS_REGION;

function configure() {
  tableName = `${tableName}-v2`;
}
configure();

exports.handler = async (event) => {
  const order = await loadOrder(tableName, event.id);
  return { order, region: settings.region };
};
