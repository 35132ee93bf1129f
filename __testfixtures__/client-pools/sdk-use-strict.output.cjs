'use strict';
// Sends order events to EventBridge.
const { EventBridgeClient, PutEventsCommand } = require('@aws-sdk/client-eventbridge');

const events = new EventBridgeClient();

module.exports.handler = async (event) => {
  await events.send(new PutEventsCommand({ Entries: [{ Source: 'orders', DetailType: 'created', Detail: JSON.stringify(event) }] }));
};
