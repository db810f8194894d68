"""The webhook inbox: every ERP event JTL delivered, once, with its processing state."""

from __future__ import annotations

from django.db import models

from jtlapp.tenants.models import Tenant


class WebhookEvent(models.Model):
    """One delivered ERP event; ``event_id`` is unique across tenants.

    JTL produces every tenant's events, with (we assume) platform-generated UUIDs, so a global
    key dedupes redeliveries even when the tenant is unknown to us, and a replayed event cannot
    be processed a second time by naming another tenant. ``next_attempt_at`` is when the
    sweep may enqueue the event again: the retry time of a failed event, the lost-message
    grace of a received one, the lease end of one being processed.
    """

    class State(models.TextChoices):
        RECEIVED = "received", "received"
        PROCESSING = "processing", "processing"
        DONE = "done", "done"
        FAILED = "failed", "failed (will retry)"
        DEAD = "dead", "dead (out of attempts; replay by hand)"
        IGNORED = "ignored", "ignored (tenant unknown or uninstalled)"
        DEFERRED = "deferred", "deferred (tenant not active; runs when it is)"

    event_id = models.CharField(max_length=200, unique=True)
    topic = models.CharField(max_length=200)
    event_tenant_id = models.UUIDField(db_index=True, help_text="the tenant the event names")
    tenant = models.ForeignKey(
        Tenant, null=True, blank=True, on_delete=models.CASCADE, related_name="webhook_events"
    )
    entity_id = models.CharField(max_length=200, blank=True)
    occurred_at = models.DateTimeField(null=True, blank=True)
    payload = models.JSONField(default=dict)
    verified = models.BooleanField(default=False)
    received_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(max_length=16, choices=State.choices, default=State.RECEIVED)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    note = models.CharField(max_length=200, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at"]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="webhook_due_idx")]

    def __str__(self) -> str:
        return f"{self.topic} {self.event_id} ({self.state})"


class WebhookEffect(models.Model):
    """What processing an event did: one row per event at most (the unique key enforces it)."""

    event = models.OneToOneField(WebhookEvent, on_delete=models.CASCADE, related_name="effect")
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="webhook_effects")
    topic = models.CharField(max_length=200)
    entity_id = models.CharField(max_length=200)
    summary = models.JSONField(default=dict, help_text="a few fields of the loaded entity")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.topic} {self.entity_id}"
