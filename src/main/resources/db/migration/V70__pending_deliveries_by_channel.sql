-- The dispatcher reads each channel's oldest pending delivery (its head) and the channels whose head is due.
CREATE INDEX notification_delivery_pending_head_ix ON notification_delivery (channel_id, id) WHERE state = 'pending';
