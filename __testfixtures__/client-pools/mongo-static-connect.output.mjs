import { MongoClient } from 'mongodb';

const URI = process.env.MONGODB_URI;

// One MongoClient per worker thread (it is a pool): connect once, share the attempt, retry after a failure.
const mongoClient = new MongoClient(URI, { maxPoolSize: 5 });
let mongoClientConnection;
const connectMongoClient = () =>
  (mongoClientConnection ??= mongoClient.connect().catch((err) => {
    mongoClientConnection = undefined;
    throw err;
  }));

export async function handler(event) {
  const client = await connectMongoClient();
  const session = client.startSession();
  try {
    await session.withTransaction(async () => {
      await client.db().collection('stock').updateOne({ sku: event.sku }, { $inc: { qty: -1 } }, { session });
      await client.db().collection('orders').insertOne({ sku: event.sku }, { session });
    });
  } finally {
    await session.endSession();
  }
  return { ok: true };
}
