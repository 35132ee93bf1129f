exports.handler = (event, context, callback) => {
  const done = callback;
  done(null, event.id);
};
