# checks that the MFA setting is there

resource "aws_cognito_user_pool" "first" {
  sms_authentication_message = "Your code is {####}"

  sms_configuration {
    external_id    = "example"
    sns_caller_arn = aws_iam_role.sms.arn
  }
}

resource "aws_cognito_user_pool" "second" {
  mfa_configuration          = "OFF"
  sms_authentication_message = "Your code is {####}"
}
