resource "aws_cognito_user_pool" "this" {
  name = var.user_pool_name

  alias_attributes         = ["email"]
  auto_verified_attributes = ["email"]
  mfa_configuration        = var.mfa_configuration

  password_policy {
    minimum_length    = var.password_min_length
    require_lowercase = true
    require_symbols   = var.require_symbols
  }

  lambda_config {
    pre_sign_up       = aws_lambda_function.pre_signup.arn
    post_confirmation = aws_lambda_function.lambda["post_confirmation"].arn
  }

  email_configuration { # send with SES
    source_arn            = aws_ses_email_identity.sender.arn
    email_sending_account = "DEVELOPER"
  }

  tags = var.tags
}

resource "aws_cognito_user_pool_client" "this" {
  name         = "${var.user_pool_name}-client"
  user_pool_id = aws_cognito_user_pool.this.id
}
