namespace Herald.Application.Configuration;

/// <summary>Which side's value a conflict takes when it is resolved.</summary>
public enum ConflictSide
{
    Production,
    Sandbox,
}
