export const handler = (event, context, callback) => {
  setTimeout(() => callback(null, { delayed: true }), 100);
};
