import { createWriteStream, promises as fsp } from 'fs';
import { finished } from 'stream/promises';
import PDFDocument from 'pdfkit';

const DOC_NAME = 'invoice';

export async function handler(event: { orderId: string; lines: string[] }) {
  const doc = new PDFDocument();
  const out = createWriteStream(`/tmp/${DOC_NAME}.pdf`);
  doc.pipe(out);
  for (const line of event.lines) doc.text(line);
  doc.end();
  await finished(out);
  const pdf = await fsp.readFile(`/tmp/${DOC_NAME}.pdf`);
  return { orderId: event.orderId, size: pdf.length };
}
