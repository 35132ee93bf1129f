export async function handler(event, context) {
  console.log('request', context.awsRequestId);
  return event.records.map((r) => r.id);
}
