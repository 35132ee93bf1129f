// GET /emails/{status}/preview: lets customer service see the email a status change sends.
import { readFileSync } from 'node:fs';

const SAMPLE = { name: 'Alex', orderId: 'ORD-12345', trackingNumber: '1Z999AA10123456784' };

export const handler = async (event) => {
  const status = event.pathParameters.status;
  if (!/^[a-z-]+$/.test(status)) {
    return { statusCode: 400, body: JSON.stringify({ message: 'Unknown status' }) };
  }

  const template = readFileSync(`./templates/${status}.html`, 'utf8');
  const html = template.replace(/\{\{(\w+)\}\}/g, (_, key) => SAMPLE[key] ?? '');
  return { statusCode: 200, headers: { 'content-type': 'text/html' }, body: html };
};
