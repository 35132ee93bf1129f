exports.handler = (event, context, callback) => {
  switch (event.kind) {
    case 'a':
      callback(null, 'A');
    case 'b':
      console.log('b or after a');
      break;
  }
  callback(null, 'done');
};
