import { enrich } from 'deps';

export async function describe(event) {
  const context = {};
  context.user = event.user;
  context.extra = await enrich(event.id);
  return format(context);
}

function format(context) {
  return `${context.user}/${context.extra}`;
}
