/** Link to a run's history in the Temporal Web UI. */
export function runUrl(uiBase: string, namespace: string, workflowId: string, runId: string): string {
  return `${uiBase}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}/${runId}/history`;
}
