export default function (event, context) {
  if (!event.name) {
    context.fail(new Error('name missing'));
    return;
  }
  context.succeed(`hello ${event.name}`);
}
