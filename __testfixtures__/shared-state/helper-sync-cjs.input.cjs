// Synchronous read-modify-write only: atomic within a worker, nothing to rewrite.
let scale = 1;

exports.grow = (factor) => {
  scale = scale * factor;
  return scale;
};

exports.scaled = async (value) => value * scale;
