exports.handler = async function(event, context) {
  const result = { cached: true };
  try {
    const result = JSON.parse(event.body);
    return result;
  } catch (e) {
    throw e;
  }
};
