const { connect } = require('deps');

let clientPromise;

function getClient() {
  clientPromise ??= connect().catch((e) => {
    clientPromise = undefined;
    throw e;
  });
  return clientPromise;
}

exports.handler = async (event) => {
  const client = await getClient();
  return client.query(event.sql);
};
