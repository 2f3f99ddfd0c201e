using Herald.Core.Alerts;

namespace Herald.Application.UseCases;

/// <summary>A rule with its latest deliveries (newest first) and their attempts.</summary>
public sealed record AlertRuleDetails(AlertRule Rule, IReadOnlyList<AlertDelivery> Deliveries);
