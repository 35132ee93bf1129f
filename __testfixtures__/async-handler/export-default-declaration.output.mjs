export default async function(event, context) {
  if (!event.name) {
    throw new Error('name missing');
  }
  return `hello ${event.name}`;
}
