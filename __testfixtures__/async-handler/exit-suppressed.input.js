exports.handler = async (event) => {
  if (event.fatal) {
    // lmi-migrate-ignore-next-line listeners-and-exit
    process.exit(3);
  }
  return 'ok';
};
