"""The Slack app: Bolt listeners, Block Kit cards and the HTTP / Socket Mode server.

Only this package imports slack_bolt / slack_sdk.
"""
