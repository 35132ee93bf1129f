// An API Gateway style response whose JSON body carries a value that differs on every run.
exports.handler = async (event) => ({
  statusCode: 200,
  body: JSON.stringify({ id: event.id, trace: `t-${Math.random()}`, at: new Date().toISOString() }),
});
