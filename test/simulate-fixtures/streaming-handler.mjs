// Streaming handlers legitimately take (event, responseStream, context).
export const handler = awslambda.streamifyResponse(async (event, responseStream, _context) => {
  responseStream.write(`event ${event.id}`);
  responseStream.end();
});
