package dev.lanes.task;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NumericNode;
import com.fasterxml.jackson.databind.node.ValueNode;

/**
 * Builds JSON trees that refuse a number a double cannot hold. Jackson reads {@code 1e999999999} as
 * Infinity without complaint, and a handler would compute with it; refusing it while the tree is
 * built costs nothing per number, where a second walk over every payload would.
 */
final class FiniteNumbers extends JsonNodeFactory {

  private static final long serialVersionUID = 1L;

  /** Thrown while a tree is built; the codec, which holds the parser, says which number. */
  static final class OutOfRange extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OutOfRange() {
      super("number beyond the range of a double", null, false, false);
    }
  }

  FiniteNumbers() {
    super(false);
  }

  @Override
  public NumericNode numberNode(double value) {
    return super.numberNode(finite(value));
  }

  @Override
  public ValueNode numberNode(Double value) {
    return value == null ? nullNode() : super.numberNode(finite(value));
  }

  @Override
  public NumericNode numberNode(float value) {
    return super.numberNode((float) finite(value));
  }

  @Override
  public ValueNode numberNode(Float value) {
    return value == null ? nullNode() : super.numberNode((float) finite(value));
  }

  private static double finite(double value) {
    if (!Double.isFinite(value)) {
      throw new OutOfRange();
    }
    return value;
  }
}
