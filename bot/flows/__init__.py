"""What the bot does once a request is acked; listeners only unpack payloads and call these."""
