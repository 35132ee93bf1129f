// GET /orders/{id}: the order plus a short-lived link to its invoice PDF.
import middy from '@middy/core';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

const TABLE = process.env.ORDERS_TABLE;
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));

let currentUser;

// Logs the route and duration of every request.
const requestTimer = () => {
  let startedAt;
  let route;
  return {
    before: (request) => {
      startedAt = Date.now();
      route = request.event.routeKey;
    },
    after: () => {
      console.log('request done', { route, ms: Date.now() - startedAt });
    },
  };
};

const getOrder = async (event) => {
  currentUser = event.requestContext.authorizer.jwt.claims.sub;
  const { Item: order } = await ddb.send(new GetCommand({ TableName: TABLE, Key: { id: event.pathParameters.id } }));
  if (!order || order.customerId !== currentUser) {
    return { statusCode: 404, body: JSON.stringify({ message: 'Order not found' }) };
  }

  const s3 = new S3Client({ region: process.env.AWS_REGION });
  const invoiceUrl = await getSignedUrl(
    s3,
    new GetObjectCommand({ Bucket: process.env.INVOICE_BUCKET, Key: `invoices/${order.id}.pdf` }),
    { expiresIn: 300 },
  );

  return { statusCode: 200, body: JSON.stringify({ ...order, invoiceUrl, viewedBy: currentUser }) };
};

export const handler = middy(getOrder).use(requestTimer());
