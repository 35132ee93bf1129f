const Handlebars = require('handlebars');

const PAGE = '<h1>{{title}}</h1><p>{{body}}</p>';

const render = Handlebars.compile(PAGE);

exports.handler = async (event) => {
  return { statusCode: 200, headers: { 'content-type': 'text/html' }, body: render(event) };
};
