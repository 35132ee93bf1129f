let lastPath;

function describe() {
  return `path ${lastPath}`;
}

exports.handler = async (event) => {
  lastPath = event.path;
  return { statusCode: 200, body: describe() };
};
