'use strict';
// GET /products/{sku}/reviews: the latest published reviews.
const { MongoClient } = require('mongodb');

exports.handler = async (event) => {
  const client = new MongoClient(process.env.REVIEWS_MONGO_URI);
  await client.connect();
  try {
    const reviews = await client
      .db('reviews')
      .collection('reviews')
      .find({ sku: event.pathParameters.sku, published: true })
      .sort({ createdAt: -1 })
      .limit(20)
      .toArray();
    return { statusCode: 200, body: JSON.stringify(reviews) };
  } finally {
    await client.close();
  }
};
