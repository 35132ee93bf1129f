exports.handler = async (event) => {
  const { marked } = require('marked');
  return { html: marked.parse(event.markdown) };
};
