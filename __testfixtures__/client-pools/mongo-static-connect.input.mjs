import { MongoClient } from 'mongodb';

const URI = process.env.MONGODB_URI;

export async function handler(event) {
  const client = await MongoClient.connect(URI, { maxPoolSize: 5 });
  const session = client.startSession();
  try {
    await session.withTransaction(async () => {
      await client.db().collection('stock').updateOne({ sku: event.sku }, { $inc: { qty: -1 } }, { session });
      await client.db().collection('orders').insertOne({ sku: event.sku }, { session });
    });
  } finally {
    await session.endSession();
    await client.close();
  }
  return { ok: true };
}
