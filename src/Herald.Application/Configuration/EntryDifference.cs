namespace Herald.Application.Configuration;

/// <summary>
/// One entry that differs: its kind and name, what became of it, and the fields that differ side by side (for an
/// addition or a removal, every field, with the missing side null).
/// </summary>
public sealed record EntryDifference(string Kind, string Name, DifferenceKind Change, IReadOnlyList<FieldDifference> Fields);
