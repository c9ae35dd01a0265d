namespace RnnLab.Configuration;

/// <summary>Options with rules that involve more than one key (checked after every key has bound).</summary>
public interface IValidatedOptions
{
    /// <summary>Each broken rule as (key relative to the section, message saying what is allowed).</summary>
    IEnumerable<(string Key, string Message)> Validate();
}
