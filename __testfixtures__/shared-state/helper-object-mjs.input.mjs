import { enrich } from 'deps';

const context = {};

export async function describe(event) {
  context.user = event.user;
  context.extra = await enrich(event.id);
  return format();
}

function format() {
  return `${context.user}/${context.extra}`;
}
