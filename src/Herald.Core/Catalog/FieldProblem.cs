namespace Herald.Core.Catalog;

/// <summary>One thing to fix, and the field it is about (a property name of the request, such as <c>SegmentName</c>); null when about the whole.</summary>
public sealed record FieldProblem(string? Field, string Message);
