using System.Diagnostics.CodeAnalysis;

namespace Herald.Application.UseCases;

/// <summary>What a use case did: its value, or a <see cref="Refusal"/>. Never both.</summary>
public sealed class UseCaseResult<T>
    where T : class
{
    private UseCaseResult(T? value, Refusal? refusal)
    {
        Value = value;
        Refusal = refusal;
    }

    public T? Value { get; }

    public Refusal? Refusal { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Refusal))]
    public bool Succeeded => Refusal is null;

    public static implicit operator UseCaseResult<T>(T value) => new(value, null);

    /// <summary>A value; for an interface type (a list), which C# does not convert implicitly.</summary>
    public static UseCaseResult<T> Of(T value) => new(value, null);

    public static implicit operator UseCaseResult<T>(Refusal refusal) => new(null, refusal);
}
