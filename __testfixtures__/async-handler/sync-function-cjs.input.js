exports.handler = function (event) {
  // plain computation, no I/O
  return { statusCode: 200, body: String(event.a + event.b) };
};
