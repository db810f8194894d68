"""The pages JTL embeds: setup, ERP menu page, panes and the Hub launcher page."""
