const { marked } = require('marked');
exports.handler = async (event) => {
  return { html: marked.parse(event.markdown) };
};
