#!/bin/sh
# Registers the custom search attributes the workflows set (config/temporal.ts, SEARCH_ATTRIBUTES)
# in the compose stack's namespace. The dev server gets them from `--search-attribute` flags;
# auto-setup has no such switch, and a workflow that sets an unregistered attribute fails to start.
# Safe to run again: attributes already present are left alone.
set -eu

ADDRESS="${TEMPORAL_ADDRESS:-temporal:7233}"
NAMESPACE="${TEMPORAL_NAMESPACE:-default}"
# name:Type pairs, kept in step with config/temporal.ts (test/unit/compose/compose-file.test.ts checks it)
ATTRIBUTES="EtlFeed:Keyword EtlSlotStart:Datetime EtlSnapshotAt:Datetime EtlRows:Int"

existing="$(temporal operator search-attribute list --namespace "$NAMESPACE" --address "$ADDRESS")"
for spec in $ATTRIBUTES; do
  name="${spec%%:*}"
  type="${spec#*:}"
  if printf '%s\n' "$existing" | grep -qw "$name"; then
    echo "search attribute $name already registered"
  else
    temporal operator search-attribute create --namespace "$NAMESPACE" --address "$ADDRESS" --name "$name" --type "$type"
    echo "search attribute $name ($type) registered"
  fi
done
