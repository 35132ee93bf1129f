import { createWriteStream, promises as fsp } from 'fs';
import { finished } from 'stream/promises';
import { join } from 'path';
import { tmpdir } from 'os';
import PDFDocument from 'pdfkit';

const DOC_NAME = 'invoice';

export async function handler(event: { orderId: string; lines: string[] }) {
  const tmpDir = await fsp.mkdtemp(join(tmpdir(), 'invoice-'));

  try {
    const doc = new PDFDocument();
    const out = createWriteStream(`${tmpDir}/${DOC_NAME}.pdf`);
    doc.pipe(out);
    for (const line of event.lines) doc.text(line);
    doc.end();
    await finished(out);
    const pdf = await fsp.readFile(`${tmpDir}/${DOC_NAME}.pdf`);
    return { orderId: event.orderId, size: pdf.length };
  } finally {
    await fsp.rm(tmpDir, { recursive: true, force: true });
  }
}
