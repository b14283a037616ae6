package dev.lanes.app.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.StringReader;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.DocumentStartEvent;
import org.yaml.snakeyaml.events.Event;

/**
 * Parses YAML text into a tree, refusing what Jackson would read silently wrong: a key written
 * twice (the last would win), an alias (Jackson reads {@code *name} as the text "name", so an
 * unquoted password starting with '*' would change), a second document (it would be ignored).
 */
final class YamlTree {

  private static final YAMLMapper YAML =
      YAMLMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

  private YamlTree() {}

  /** The tree of {@code yaml}; a missing node when it holds no document. */
  static JsonNode read(String yaml) {
    // No cause is attached to these errors: the parser's own message quotes the line, which may
    // hold a password.
    try {
      refuseAliasesAndDocuments(yaml);
      return YAML.readTree(yaml);
    } catch (MarkedYAMLException e) {
      throw syntaxError(e);
    } catch (JsonProcessingException e) {
      if (e.getCause() instanceof MarkedYAMLException marked) {
        throw syntaxError(marked);
      }
      String problem = String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("");
      throw new ConfigException("not valid YAML" + at(e.getLocation()) + ": " + problem);
    }
  }

  private static ConfigException syntaxError(MarkedYAMLException e) {
    return new ConfigException("not valid YAML" + at(e.getProblemMark()) + ": " + e.getProblem());
  }

  private static void refuseAliasesAndDocuments(String yaml) {
    int documents = 0;
    for (Event event : new Yaml(new LoaderOptions()).parse(new StringReader(yaml))) {
      if (event instanceof AliasEvent) {
        throw new ConfigException(
            "YAML aliases are not supported"
                + at(event.getStartMark())
                + " (a value starting with '*' must be quoted)");
      }
      if (event instanceof DocumentStartEvent && ++documents > 1) {
        throw new ConfigException(
            "holds more than one YAML document" + at(event.getStartMark()) + " (one is read)");
      }
    }
  }

  private static String at(Mark mark) {
    return mark == null ? "" : at(mark.getLine() + 1, mark.getColumn() + 1);
  }

  private static String at(JsonLocation location) {
    return location == null ? "" : at(location.getLineNr(), location.getColumnNr());
  }

  private static String at(int line, int column) {
    return " at line " + line + ", column " + column;
  }
}
