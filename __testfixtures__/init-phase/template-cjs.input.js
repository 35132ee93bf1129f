const Handlebars = require('handlebars');

const PAGE = '<h1>{{title}}</h1><p>{{body}}</p>';

exports.handler = async (event) => {
  const render = Handlebars.compile(PAGE);
  return { statusCode: 200, headers: { 'content-type': 'text/html' }, body: render(event) };
};
