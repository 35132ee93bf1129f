'use strict';
// Sends order events to EventBridge.
const { EventBridgeClient, PutEventsCommand } = require('@aws-sdk/client-eventbridge');

module.exports.handler = async (event) => {
  const events = new EventBridgeClient();
  await events.send(new PutEventsCommand({ Entries: [{ Source: 'orders', DetailType: 'created', Detail: JSON.stringify(event) }] }));
};
