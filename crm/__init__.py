"""CRM adapters: find contacts and load their history as typed models."""
