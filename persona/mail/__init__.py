"""Real-world mail, made readable for the signals: the contact's own words, auto-replies, language."""
