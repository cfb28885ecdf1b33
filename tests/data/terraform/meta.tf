# Written for Poolsmith's tests: meta-arguments, dynamic blocks and arguments with no
# CreateUserPool counterpart.
resource "aws_cognito_user_pool" "pool" {
  count      = var.enabled ? 1 : 0
  provider   = aws.eu
  depends_on = [aws_iam_role.sms]
  region     = "eu-west-1"

  name = "meta-${count.index}"

  dynamic "schema" {
    for_each = var.custom_attributes
    content {
      name                = schema.value.name
      attribute_data_type = "String"
      mutable             = true
    }
  }

  schema {
    name                = "plan"
    attribute_data_type = "String"
    mutable             = false
    string_attribute_constraints {
      min_length = 1
      max_length = 16
    }
  }

  dynamic "lambda_config" {
    for_each = var.pre_sign_up_arn == null ? [] : [1]
    content {
      pre_sign_up = var.pre_sign_up_arn
    }
  }

  dynamic "password_policy" {
    for_each = var.strict ? [12] : []
    content {
      minimum_length = password_policy.value
    }
  }

  dynamic "web_authn_configuration" {
    for_each = []
    content {}
  }

  web_authn_configuration {
    relying_party_id  = "auth.example.com"
    user_verification = "preferred"
  }

  lifecycle {
    prevent_destroy = true
    ignore_changes  = [schema]
  }
}
